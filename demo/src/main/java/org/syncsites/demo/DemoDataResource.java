package org.syncsites.demo;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.syncsites.demo.data.DemoData;

/**
 * Generates data in bulk, e.g.
 * {@code curl -u admin:... -H 'Content-Type: application/json' -d '{"storeRecords":1000000}'
 * http://localhost:8080/demo/api/stores/1/generated-records}.
 */
@RequestScoped // a CDI bean, so that the container injects the EJB (a plain JAX-RS resource gets no @EJB)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DemoDataResource {

    @EJB
    private DemoData data;

    /** How many records to generate: store data, and central data specific to the store. */
    public record Generation(int storeRecords, int storeSpecificCentralRecords) {}

    /** Global master data (items): {@code {"count": N}}. */
    @POST
    @Path("master-data/generated-records")
    public Map<String, Integer> generateMasterData(Map<String, Integer> request) {
        return Map.of("items", data.generateGlobalMasterRecords(request.getOrDefault("count", 0)));
    }

    /** Remote sites for benchmarks: {@code {"prefix": "Storm", "count": 10000, "password": "..."}}. */
    public record SiteGeneration(String prefix, int count, String password) {}

    @POST
    @Path("sites/generated")
    public Map<String, Integer> generateSites(SiteGeneration generation) {
        return Map.of("sites", data.generateSites(generation.prefix(), generation.count(), generation.password()));
    }

    /**
     * Stores spread over generated sites, for benchmarks:
     * {@code {"codePrefix": "S-", "count": 500000, "sitePrefix": "Net", "siteCount": 100000}}.
     */
    public record StoreGeneration(String codePrefix, int count, String sitePrefix, int siteCount) {}

    @POST
    @Path("stores/generated")
    public Map<String, Integer> generateStores(StoreGeneration generation) {
        return Map.of(
                "stores",
                data.generateStores(
                        generation.codePrefix(), generation.count(), generation.sitePrefix(), generation.siteCount()));
    }

    /** Records for every store whose code starts with the prefix: {@code {"codePrefix": "S-", "storeRecords": 100}}. */
    public record StoresRecordGeneration(String codePrefix, int storeRecords) {}

    @POST
    @Path("stores/generated-records")
    public Map<String, Integer> generateForStores(StoresRecordGeneration generation) {
        return Map.of("storeRecords", data.generateRecordsOfStores(generation.codePrefix(), generation.storeRecords()));
    }

    @POST
    @Path("stores/{id}/generated-records")
    public Map<String, Integer> generate(@PathParam("id") long id, Generation generation) {
        int records = generation.storeRecords() > 0 ? data.generateStoreRecords(id, generation.storeRecords()) : 0;
        int central = generation.storeSpecificCentralRecords() > 0
                ? data.generateStoreSpecificMasterRecords(id, generation.storeSpecificCentralRecords())
                : 0;
        return Map.of("storeRecords", records, "storeSpecificCentralRecords", central);
    }
}
