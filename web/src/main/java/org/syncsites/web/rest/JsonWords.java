package org.syncsites.web.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.syncsites.platform.Text;

/**
 * How the administration API writes the business's words ({@link Text}) in its JSON: as the sentence (a sync's outcome,
 * a resync's error, a site's integration failure...), never as a key and its arguments, in the language of the
 * request's {@code Accept-Language} as its error bodies are ({@link ErrorBody#language}), else English.
 */
@Provider
public class JsonWords implements ContextResolver<Jsonb> {

    /** One per language the words are written in: a handful. */
    private static final Map<Locale, Jsonb> BY_LANGUAGE = new ConcurrentHashMap<>();

    @Context
    private HttpHeaders headers;

    @Override
    public Jsonb getContext(Class<?> type) {
        Locale language;
        try {
            language = ErrorBody.language(headers);
        } catch (IllegalStateException outsideARequest) {
            language = Locale.ENGLISH;
        }
        return BY_LANGUAGE.computeIfAbsent(
                language, l -> JsonbBuilder.create(new JsonbConfig().withAdapters(new Sentence(l))));
    }

    /** A {@link Text} written as its sentence in one language (the API reads no Text back). */
    public static final class Sentence implements JsonbAdapter<Text, String> {

        private final Locale language;

        public Sentence(Locale language) {
            this.language = language;
        }

        @Override
        public String adaptToJson(Text text) {
            return text.in(language);
        }

        @Override
        public Text adaptFromJson(String sentence) {
            return Text.of("text.asWritten", sentence);
        }
    }
}
