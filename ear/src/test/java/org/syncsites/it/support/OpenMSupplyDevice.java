package org.syncsites.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A person signing in on an open-mSupply device of a site, as open-mSupply does it (docs/open-msupply-data.md,
 * "Sign-in"; open-msupply {@code server/service/src/login.rs} and {@code apis/login_v4.rs}): it posts the typed name
 * and password to {@code /api/v4/login}, parses the answer as strictly as open-mSupply's types (a missing key or a
 * wrong JSON type makes the central unusable), keeps only the stores the user may sign in to, and lets the user in
 * only when active and with at least one store of this site (its stores as the site's sync delivered them).
 */
public final class OpenMSupplyDevice {

    /** What the device tells the person. */
    public enum Outcome { SIGNED_IN, INVALID_CREDENTIALS, ACCOUNT_BLOCKED, NO_SITE_ACCESS, INACTIVE, CENTRAL_UNUSABLE }

    /** The result of a sign-in: the outcome, the user's stores on this site and their permission numbers there. */
    public record SignIn(Outcome outcome, List<String> stores, List<List<Integer>> permissions, long timeoutRemaining,
                         int language) {
    }

    private final Browserless http = new Browserless();
    private final OpenMSupplySite site;
    private final String siteName;

    public OpenMSupplyDevice(OpenMSupplySite site, String siteName) {
        this.site = site;
        this.siteName = siteName;
    }

    public SignIn signIn(String username, String password) {
        String body = Json.createObjectBuilder().add("username", username).add("password", password)
                .add("loginType", "User").add("siteName", siteName).build().toString();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(Browserless.BASE + "/api/v4/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (answer.statusCode() == 401) {
            return new SignIn(Outcome.INVALID_CREDENTIALS, List.of(), List.of(), 0, 0);
        }
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(answer.body()))) {
            json = reader.readObject();
        } catch (RuntimeException notJson) {
            return new SignIn(Outcome.CENTRAL_UNUSABLE, List.of(), List.of(), 0, 0);
        }
        if (answer.statusCode() == 403 && "user_login_timeout".equals(json.getString("status", null))
                && json.get("timeoutRemaining") instanceof JsonNumber remaining && remaining.isIntegral()
                && remaining.longValue() >= 0) {
            return new SignIn(Outcome.ACCOUNT_BLOCKED, List.of(), List.of(), remaining.longValue(), 0);
        }
        // the shape open-mSupply requires (apis/login_v4.rs): any key missing or of another type fails the parse
        for (String key : List.of("status", "username", "userFirstName", "userLastName", "userJobTitle", "service",
                "storeName", "userType")) {
            requireString(json, key);
        }
        requireBoolean(json, "authenticated");
        if (!json.getString("status").equalsIgnoreCase("success") || !(json.get("userInfo") instanceof JsonObject info)) {
            return new SignIn(Outcome.CENTRAL_UNUSABLE, List.of(), List.of(), 0, 0);
        }
        JsonObject user = info.getJsonObject("user");
        for (String key : List.of("ID", "name", "startup_method", "group_id", "mode", "initials", "address_1",
                "address_2", "phone2", "ldap_login_string", "windows_user_name", "license_category_id", "spare_1")) {
            requireString(user, key);
        }
        for (String key : List.of("e_mail", "first_name", "last_name", "phone1", "job_title")) {
            if (!(user.get(key) instanceof JsonString) && user.get(key) != JsonValue.NULL) {
                throw new AssertionError("user." + key + " must be a string or null: " + user);
            }
        }
        for (String key : List.of("Language", "nblogins", "lasttime")) {
            if (!(user.get(key) instanceof JsonNumber n) || !n.isIntegral()) {
                throw new AssertionError("user." + key + " must be a whole number: " + user);
            }
        }
        for (String key : List.of("active", "responsible_officer", "use_ldap", "receives_sms_errors", "is_group",
                "isInactiveAuthoriser")) {
            requireBoolean(user, key);
        }
        List<String> stores = new ArrayList<>();
        List<List<Integer>> permissions = new ArrayList<>();
        List<String> ofThisSite = site.activeStores();
        for (JsonValue value : info.getJsonArray("userStores")) {
            JsonObject store = value.asJsonObject();
            for (String key : List.of("ID", "user_ID", "store_ID")) {
                requireString(store, key);
            }
            for (String key : List.of("can_login", "store_default", "can_action_replenishments")) {
                requireBoolean(store, key);
            }
            JsonArray bits = store.getJsonArray("permissions");
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < bits.size(); i++) {
                JsonValue bit = bits.get(i);
                if (bit != JsonValue.TRUE && bit != JsonValue.FALSE) {
                    throw new AssertionError("permissions hold true or false only: " + bit);
                }
                if (bit == JsonValue.TRUE) {
                    numbers.add(i + 1); // position i is legacy permission i + 1
                }
            }
            if (!store.getString("user_ID").equals(user.getString("ID"))) {
                continue; // open-mSupply drops it (a key to no user)
            }
            if (store.getBoolean("can_login") && ofThisSite.contains(store.getString("store_ID"))) {
                stores.add(store.getString("store_ID"));
                permissions.add(numbers);
            }
        }
        int language = user.getInt("Language");
        if (!user.getBoolean("active")) {
            return new SignIn(Outcome.INACTIVE, stores, permissions, 0, language);
        }
        return new SignIn(stores.isEmpty() ? Outcome.NO_SITE_ACCESS : Outcome.SIGNED_IN, stores, permissions, 0,
                language);
    }

    private static void requireString(JsonObject object, String key) {
        if (!(object.get(key) instanceof JsonString)) {
            throw new AssertionError(key + " must be a string: " + object);
        }
    }

    private static void requireBoolean(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw new AssertionError(key + " must be true or false: " + object);
        }
    }
}
