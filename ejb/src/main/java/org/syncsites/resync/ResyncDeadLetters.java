package org.syncsites.resync;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;
import org.syncsites.platform.Text;
import org.syncsites.platform.WorkMessages;

/**
 * The end of a resync the broker gave up on: marks its job FAILED, with the last error, so that admins see it on
 * the site (and can ask again) instead of the job silently staying "running".
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = ResyncDeadLetters.QUEUE),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
        })
@PermitAll // no caller: the broker delivers; the beans it calls are open to it
public class ResyncDeadLetters implements MessageListener {

    /** JNDI name of the dead-letter queue of resync messages (see wildfly-config/cli/messaging.cli). */
    public static final String QUEUE = "java:/jms/queue/syncsites/ResyncDeadLetters";

    private static final Logger LOG = Logger.getLogger(ResyncDeadLetters.class.getName());

    @EJB
    private ResyncWorker worker;

    @Override
    public void onMessage(Message message) {
        WorkMessages.id(message, LOG).ifPresent(jobId -> {
            LOG.severe(() -> "Resync job " + jobId + " failed after every redelivery; marked FAILED");
            worker.recordFailure(jobId, Text.of("resync.gaveUp"), true);
        });
    }
}
