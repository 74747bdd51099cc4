package org.syncsites.web.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Completes the OpenAPI document WildFly builds from the resources ({@code GET /openapi}): its title, and the one
 * error body of
 * the administration API ({@link ErrorBody}) as the schema {@value #ERROR}, and on every operation the answer it
 * gives when it refuses (400 bad values, 401 not signed in, 403 not allowed, 404 not found, 409 changed meanwhile,
 * 415 not JSON, 500), which no resource method declares itself.
 */
public class ApiDocument implements OASFilter {

    static final String ERROR = "Error";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.setInfo(OASFactory.createInfo()
                .title("Sync Sites administration API")
                .version("1")
                .description("Sites, stores, users, the audit trail and the network's health of a Sync Sites central "
                        + "server, for scripts and tools. Sign in through the form (POST /sign-in with j_username and "
                        + "j_password) and keep the session cookie; POST and PUT take application/json. Every refusal "
                        + "answers the Error body."));
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema problem = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .properties(Map.of("field", text, "message", text));
        Schema error = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("Why the request was refused; the message says what to do.")
                .properties(Map.of(
                        "code",
                        text,
                        "message",
                        text,
                        "problems",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(problem)))
                .addRequired("code")
                .addRequired("message");
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addSchema(
                        ERROR,
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.OBJECT)
                                .properties(Map.of("error", error))
                                .addRequired("error"));
    }

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        if (operation.getResponses().getDefaultValue() == null) {
            operation
                    .getResponses()
                    .setDefaultValue(OASFactory.createAPIResponse()
                            .description(
                                    "Refused: 400 bad values, 401 not signed in, 403 not allowed, 404 not found, "
                                            + "409 changed meanwhile, 415 not JSON, 500 the server failed (see the server log).")
                            .content(OASFactory.createContent()
                                    .addMediaType(
                                            "application/json",
                                            OASFactory.createMediaType()
                                                    .schema(OASFactory.createSchema()
                                                            .ref(ERROR)))));
        }
        return operation;
    }
}
