package org.syncsites.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    public enum Outcome {
        SIGNED_IN,
        INVALID_CREDENTIALS,
        ACCOUNT_BLOCKED,
        NO_SITE_ACCESS,
        INACTIVE,
        CENTRAL_UNUSABLE
    }

    /** The result of a sign-in: the outcome, the user's stores on this site and their permission numbers there. */
    public record SignIn(
            Outcome outcome,
            List<String> stores,
            List<List<Integer>> permissions,
            long timeoutRemaining,
            int language) {}

    private final Browserless http = new Browserless();
    private final OpenMSupplySite site;
    private final String siteName;
    /** The loopback address its requests come from (127.0.0.2, ...); null: the system's choice. */
    private final String localAddress;

    public OpenMSupplyDevice(OpenMSupplySite site, String siteName) {
        this(site, siteName, null);
    }

    private OpenMSupplyDevice(OpenMSupplySite site, String siteName, String localAddress) {
        this.site = site;
        this.siteName = siteName;
        this.localAddress = localAddress;
    }

    /** The same device signing in from another loopback address (another place on the network). */
    public OpenMSupplyDevice from(String loopbackAddress) {
        return new OpenMSupplyDevice(site, siteName, loopbackAddress);
    }

    /** POST /api/v4/login; from {@link #localAddress} over a socket bound to it (the JDK's client binds none). */
    private Answer post(String body) {
        if (localAddress == null) {
            HttpResponse<String> answer =
                    http.send(HttpRequest.newBuilder(URI.create(Browserless.BASE + "/api/v4/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build());
            return new Answer(answer.statusCode(), answer.body());
        }
        URI base = URI.create(Browserless.BASE);
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(
                InetAddress.getByName(base.getHost()), base.getPort(), InetAddress.getByName(localAddress), 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v4/login HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String answerBody = response.substring(response.indexOf("\r\n\r\n") + 4);
            return new Answer(status, answerBody);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Answer(int statusCode, String body) {}

    public SignIn signIn(String username, String password) {
        String body = Json.createObjectBuilder()
                .add("username", username)
                .add("password", password)
                .add("loginType", "User")
                .add("siteName", siteName)
                .build()
                .toString();
        Answer answer = post(body);
        if (answer.statusCode() == 401) {
            return new SignIn(Outcome.INVALID_CREDENTIALS, List.of(), List.of(), 0, 0);
        }
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(answer.body()))) {
            json = reader.readObject();
        } catch (RuntimeException notJson) {
            return new SignIn(Outcome.CENTRAL_UNUSABLE, List.of(), List.of(), 0, 0);
        }
        if (answer.statusCode() == 403
                && "user_login_timeout".equals(json.getString("status", null))
                && json.get("timeoutRemaining") instanceof JsonNumber remaining
                && remaining.isIntegral()
                && remaining.longValue() >= 0) {
            return new SignIn(Outcome.ACCOUNT_BLOCKED, List.of(), List.of(), remaining.longValue(), 0);
        }
        // the shape open-mSupply requires (apis/login_v4.rs): any key missing or of another type fails the parse
        for (String key : List.of(
                "status",
                "username",
                "userFirstName",
                "userLastName",
                "userJobTitle",
                "service",
                "storeName",
                "userType")) {
            requireString(json, key);
        }
        requireBoolean(json, "authenticated");
        if (!json.getString("status").equalsIgnoreCase("success")
                || !(json.get("userInfo") instanceof JsonObject info)) {
            return new SignIn(Outcome.CENTRAL_UNUSABLE, List.of(), List.of(), 0, 0);
        }
        JsonObject user = info.getJsonObject("user");
        for (String key : List.of(
                "ID",
                "name",
                "startup_method",
                "group_id",
                "mode",
                "initials",
                "address_1",
                "address_2",
                "phone2",
                "ldap_login_string",
                "windows_user_name",
                "license_category_id",
                "spare_1")) {
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
        for (String key : List.of(
                "active",
                "responsible_officer",
                "use_ldap",
                "receives_sms_errors",
                "is_group",
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
        return new SignIn(
                stores.isEmpty() ? Outcome.NO_SITE_ACCESS : Outcome.SIGNED_IN, stores, permissions, 0, language);
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
