package org.syncsites.siteusers;

import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import org.syncsites.masterdata.MasterRecords;

/**
 * Site users reach every site as mSupply's {@code user} records, in the shape open-mSupply integrates
 * ({@code ID}, {@code name}, {@code Language}, {@code e_mail}, {@code first_name}, {@code last_name}, {@code phone1},
 * {@code job_title}, {@code active}; open-mSupply {@code server/service/src/sync/translations/user.rs}), through the
 * central change log. No password travels: a device learns it at the user's sign-in through the central. A user made
 * inactive, or deleted, is sent with {@code active: false}: the device then refuses even their offline sign-in.
 */
final class UserRecords {

    static final String TABLE = "user";

    private UserRecords() {}

    static void publish(EntityManager em, SiteUser user, boolean active) {
        String data = Json.createObjectBuilder()
                .add("ID", user.getUid())
                .add("name", user.getUsername())
                .add("Language", user.getLanguage())
                .add("e_mail", user.getEmail())
                .add("first_name", user.getFirstName())
                .add("last_name", user.getLastName())
                .add("phone1", user.getPhone())
                .add("job_title", user.getJobTitle())
                .add("active", active)
                .build()
                .toString();
        MasterRecords.write(em, null, TABLE, user.getUid(), data);
    }
}
