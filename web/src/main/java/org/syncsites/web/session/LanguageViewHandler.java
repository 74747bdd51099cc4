package org.syncsites.web.session;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;
import java.util.Locale;

/**
 * Makes every page in the language the signed-in user chose ({@link Language}); without a choice, Faces' own: the
 * browser's {@code Accept-Language} against the supported locales of faces-config.xml, else English.
 */
public class LanguageViewHandler extends ViewHandlerWrapper {

    public LanguageViewHandler(ViewHandler wrapped) {
        super(wrapped);
    }

    @Override
    public Locale calculateLocale(FacesContext faces) {
        Locale chosen = CDI.current().select(Language.class).get().chosen();
        return chosen != null ? chosen : super.calculateLocale(faces);
    }
}
