package org.syncsites.sync;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;
import org.syncsites.platform.WorkMessages;

/**
 * The end of an integration the broker gave up on: it is no longer reported in progress but failed (see
 * {@link PushIntegration#giveUp}); what the site pushed stays kept for a retry.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(
                    propertyName = "destinationLookup",
                    propertyValue = PushIntegrationDeadLetters.QUEUE),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
        })
@PermitAll // no caller: the broker delivers; the beans it calls are open to it
public class PushIntegrationDeadLetters implements MessageListener {

    /** JNDI name of the dead-letter queue of integration messages (see wildfly-config/cli/messaging.cli). */
    public static final String QUEUE = "java:/jms/queue/syncsites/PushIntegrationDeadLetters";

    private static final Logger LOG = Logger.getLogger(PushIntegrationDeadLetters.class.getName());

    @EJB
    private PushIntegration integration;

    @Override
    public void onMessage(Message message) {
        WorkMessages.id(message, LOG).ifPresent(integration::giveUp);
    }
}
