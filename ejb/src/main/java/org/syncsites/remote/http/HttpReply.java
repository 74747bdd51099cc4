package org.syncsites.remote.http;

/** An HTTP answer: its status and its body as text (empty when it had none). */
public record HttpReply(int status, String body) {

    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
