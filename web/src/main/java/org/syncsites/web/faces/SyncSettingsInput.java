package org.syncsites.web.faces;

import java.io.Serializable;

/**
 * The sync settings as a form holds them while a person edits them, the same on the central's site window and on
 * this server's own "central server" page: the server URL, how often and in how large requests to sync, and
 * which HTTP client to use. The rules for their values are the EJB tier's (site.SiteRules); empty numbers are
 * sent as 0, which those rules refuse with a message.
 */
public class SyncSettingsInput implements Serializable {

    private static final long serialVersionUID = 1L;

    private String serverUrl = "";
    private Integer syncIntervalMinutes;
    private Integer syncRequestSize;
    private boolean alternativeHttpClient;

    public void fill(String serverUrl, int syncIntervalMinutes, int syncRequestSize, boolean alternativeHttpClient) {
        this.serverUrl = serverUrl == null ? "" : serverUrl;
        this.syncIntervalMinutes = syncIntervalMinutes;
        this.syncRequestSize = syncRequestSize;
        this.alternativeHttpClient = alternativeHttpClient;
    }

    /** The interval entered, 0 when none. */
    public int interval() {
        return syncIntervalMinutes == null ? 0 : syncIntervalMinutes;
    }

    /** The request size entered, 0 when none. */
    public int requestSize() {
        return syncRequestSize == null ? 0 : syncRequestSize;
    }

    public String getServerUrl() {
        return serverUrl;
    }

    public void setServerUrl(String serverUrl) {
        this.serverUrl = serverUrl == null ? "" : serverUrl;
    }

    public Integer getSyncIntervalMinutes() {
        return syncIntervalMinutes;
    }

    public void setSyncIntervalMinutes(Integer syncIntervalMinutes) {
        this.syncIntervalMinutes = syncIntervalMinutes;
    }

    public Integer getSyncRequestSize() {
        return syncRequestSize;
    }

    public void setSyncRequestSize(Integer syncRequestSize) {
        this.syncRequestSize = syncRequestSize;
    }

    public boolean isAlternativeHttpClient() {
        return alternativeHttpClient;
    }

    public void setAlternativeHttpClient(boolean alternativeHttpClient) {
        this.alternativeHttpClient = alternativeHttpClient;
    }
}
