package org.syncsites.web.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import org.syncsites.platform.Text;

/**
 * How the administration API writes the business's words ({@link Text}) in its JSON: as the sentence, in English
 * (a sync's outcome, a resync's error, a site's integration failure...), never as a key and its arguments.
 */
@Provider
public class JsonWords implements ContextResolver<Jsonb> {

    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withAdapters(new Sentence()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSON;
    }

    /** A {@link Text} written as its English sentence (the API reads no Text back). */
    public static final class Sentence implements JsonbAdapter<Text, String> {

        @Override
        public String adaptToJson(Text text) {
            return text.english();
        }

        @Override
        public Text adaptFromJson(String sentence) {
            return Text.of("text.asWritten", sentence);
        }
    }
}
