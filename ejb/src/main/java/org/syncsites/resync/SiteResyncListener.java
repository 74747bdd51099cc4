package org.syncsites.resync;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncsites.platform.Failures;
import org.syncsites.platform.Text;
import org.syncsites.platform.WorkMessages;

/**
 * Consumes resync requests: each message queues one chunk of a job (committed with the job's cursor in the
 * chunk's own transaction) and, while work remains, sends the message again for the next chunk, in the
 * message's transaction. A crash between the two leaves the chunk committed and the message unacknowledged:
 * its redelivery continues from the cursor, so nothing is queued twice or skipped. A failing chunk is rolled
 * back and retried by the broker (see messaging.cli), then dead-lettered, where {@link ResyncDeadLetters}
 * records the failure.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = ResyncRequests.QUEUE),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
        })
@PermitAll // no caller: the broker delivers; the beans it calls are open to it
public class SiteResyncListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(SiteResyncListener.class.getName());

    @EJB
    private ResyncWorker worker;

    @EJB
    private ResyncRequests requests;

    @Resource
    private MessageDrivenContext context;

    @Override
    public void onMessage(Message message) {
        OptionalLong named = WorkMessages.id(message, LOG);
        if (named.isEmpty()) {
            return;
        }
        long jobId = named.getAsLong();
        try {
            if (worker.queueNextChunk(
                    jobId, ResyncWorker.CHUNK_SIZE, message.getIntProperty("JMSXDeliveryCount") > 1)) {
                requests.send(jobId);
            }
        } catch (RuntimeException | JMSException e) {
            LOG.log(Level.WARNING, "Resync job " + jobId + ": a chunk failed; the broker will retry it", e);
            context.setRollbackOnly();
            worker.recordFailure(jobId, Text.of("resync.attemptFailed", Failures.rootMessage(e)), false);
        }
    }
}
