package org.syncsites.platform;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The messages of the application's work queues (store resync, push integration and their dead letters): each
 * names its work by one ID (a resync job, a site), as text, and is persistent, so that the broker keeps it
 * across restarts until the work's transaction commits.
 */
public final class WorkMessages {

    private WorkMessages() {}

    /** Puts a message for the work {@code id} on {@code queue}, in the caller's transaction. */
    public static void send(JMSContext jms, Queue queue, long id) {
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(queue, Long.toString(id));
    }

    /** The ID the message names; empty, and logged as dropped, when it names none. */
    public static OptionalLong id(Message message, Logger log) {
        try {
            return OptionalLong.of(Long.parseLong(message.getBody(String.class)));
        } catch (JMSException | NumberFormatException e) {
            log.log(Level.SEVERE, "A work message that names no job or site was dropped", e);
            return OptionalLong.empty();
        }
    }
}
