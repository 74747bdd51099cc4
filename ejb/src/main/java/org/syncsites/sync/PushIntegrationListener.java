package org.syncsites.sync;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncsites.platform.WorkMessages;

/**
 * Consumes integration requests: each message integrates one chunk of what a site pushed and, while more
 * remains, sends the message again for the next chunk, in the message's transaction. A failing chunk is rolled
 * back and retried by the broker, then dead-lettered (see messaging.cli).
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = PushIntegration.QUEUE),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            // sites integrating at once (WildFly's MDB pool may allow fewer: 4 per core): with 4, under the load test's
            // 1,000 sites the integrations queued behind each other and a site polled site_status 3.5 times a cycle
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "16")
        })
@PermitAll // no caller: the broker delivers; the beans it calls are open to it
public class PushIntegrationListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(PushIntegrationListener.class.getName());

    @EJB
    private PushIntegration integration;

    @Resource
    private MessageDrivenContext context;

    @Override
    public void onMessage(Message message) {
        OptionalLong named = WorkMessages.id(message, LOG);
        if (named.isEmpty()) {
            return;
        }
        long siteId = named.getAsLong();
        try {
            boolean more;
            try {
                more = integration.integrateNextChunk(siteId);
            } catch (PushIntegration.StoreMovedMeanwhile e) {
                throw e;
            } catch (RuntimeException e) {
                // one bad record must not hold back the others: this chunk's records one at a time, setting aside
                // each one that fails
                LOG.log(
                        Level.WARNING,
                        "Site " + siteId + ": a chunk of what it pushed failed; integrating its records "
                                + "one by one",
                        e);
                more = integration.integrateOneByOne(siteId, PushIntegration.CHUNK_SIZE);
            }
            if (more) {
                integration.send(siteId);
            }
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Site " + siteId + ": integrating a chunk of what it pushed failed; the broker " + "will retry it",
                    e);
            context.setRollbackOnly();
        }
    }
}
