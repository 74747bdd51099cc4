package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.syncsites.siteadmin.DeviceSeen;
import org.syncsites.siteadmin.SiteDevices;

/** The devices of every site, found by their hardware ID: "which site is this tablet?". */
@Path("/admin/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DevicesResource {

    @EJB
    private SiteDevices devices;

    /** Devices whose hardware ID holds the text (at least three characters, any case), at most 200. */
    @GET
    public List<DeviceSeen> withHardwareId(@QueryParam("hardwareId") String hardwareId) {
        return devices.devicesWithHardwareId(hardwareId);
    }
}
