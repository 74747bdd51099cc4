package org.syncsites.web.faces;

import jakarta.faces.context.FacesContext;
import java.util.function.Supplier;

/**
 * Values a page reads from the EJBs once per request, however often its getters run while the page renders
 * (a Faces getter may run several times per render).
 */
public final class ThisRequest {

    private ThisRequest() {}

    /** The value under {@code key} for this request, loaded by {@code load} the first time it is asked for. */
    @SuppressWarnings("unchecked")
    public static <T> T once(String key, Supplier<T> load) {
        var attributes = FacesContext.getCurrentInstance().getAttributes();
        Object value = attributes.get(key);
        if (value == null) {
            value = load.get();
            attributes.put(key, value);
        }
        return (T) value;
    }

    /** Forgets the value under {@code key}: an action changed it, and the page shows it afresh. */
    public static void forget(String key) {
        FacesContext.getCurrentInstance().getAttributes().remove(key);
    }
}
