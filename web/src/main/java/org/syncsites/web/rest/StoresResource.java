package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.syncsites.store.StoreAdministration;
import org.syncsites.store.StoreData;
import org.syncsites.store.StoreSummary;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Stores, and bulk store data for demos and benchmarks. */
@Path("/admin/stores")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StoresResource {

    @EJB
    private StoreAdministration stores;

    @EJB
    private StoreData storeData;

    /** Body of a new store. */
    public record NewStore(String code, String name) {
    }

    /** How many records to generate: store data, and central data specific to the store. */
    public record Generation(int storeRecords, int storeSpecificCentralRecords) {
    }

    /** Global master data (items) for demos: {@code {"count": N}}. */
    @POST
    @Path("master-data/generated-records")
    public Map<String, Integer> generateMasterData(Map<String, Integer> request) {
        return Map.of("items", storeData.generateGlobalMasterRecords(request.getOrDefault("count", 0)));
    }

    @GET
    public List<StoreSummary> list(@QueryParam("filter") @DefaultValue("") String filter) {
        return stores.list(filter);
    }

    @POST
    public Response create(NewStore store) {
        StoreSummary created = stores.create(store.code(), store.name());
        return Response.created(URI.create("/api/admin/stores/" + created.id())).entity(created).build();
    }

    /**
     * Generates data for the store, in the database, set-based: e.g.
     * {@code curl -u admin:... -X POST -H 'Content-Type: application/json'
     * -d '{"storeRecords":1000000}' http://localhost:8080/api/admin/stores/1/generated-records}
     */
    @POST
    @Path("{id}/generated-records")
    public Map<String, Integer> generate(@PathParam("id") long id, Generation generation) {
        int records = generation.storeRecords() > 0 ? storeData.generateStoreRecords(id, generation.storeRecords()) : 0;
        int central = generation.storeSpecificCentralRecords() > 0
                ? storeData.generateStoreSpecificMasterRecords(id, generation.storeSpecificCentralRecords()) : 0;
        return Map.of("storeRecords", records, "storeSpecificCentralRecords", central);
    }
}
