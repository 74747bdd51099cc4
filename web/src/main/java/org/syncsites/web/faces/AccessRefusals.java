package org.syncsites.web.faces;

import jakarta.ejb.EJBAccessException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.util.Iterator;

/**
 * The one place where a page answers an action the user may not take (an EJB refused the call for their role):
 * the page stays, with the message that says which permission to ask for ({@link Messages#refused}). Every
 * other exception goes on to the next handler.
 */
public class AccessRefusals extends ExceptionHandlerFactory {

    public AccessRefusals(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    private static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            for (Iterator<ExceptionQueuedEvent> events =
                            getUnhandledExceptionQueuedEvents().iterator();
                    events.hasNext(); ) {
                if (refusal(events.next().getContext().getException())) {
                    Messages.refused();
                    events.remove();
                }
            }
            getWrapped().handle();
        }

        private static boolean refusal(Throwable exception) {
            for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof EJBAccessException) {
                    return true;
                }
            }
            return false;
        }
    }
}
