package org.syncsites.networkhealth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The one row of the network's health settings (see {@link HealthSettings}). */
@Entity
@Table(name = "network_settings")
class NetworkSettings {

    static final int ID = 1;

    @Id
    private Integer id;

    @Column(name = "warning_hours")
    private int warningHours;

    @Column(name = "critical_hours")
    private int criticalHours;

    @Column(name = "history_days")
    private int historyDays;

    @Column(name = "alert_emails")
    private String alertEmails;

    @Column(name = "alert_webhook_url")
    private String alertWebhookUrl;

    @Version
    private long version;

    protected NetworkSettings() {}

    HealthSettings settings() {
        return new HealthSettings(warningHours, criticalHours, historyDays, alertEmails, alertWebhookUrl, version);
    }

    void apply(HealthSettings settings) {
        this.warningHours = settings.warningHours();
        this.criticalHours = settings.criticalHours();
        this.historyDays = settings.historyDays();
        this.alertEmails = settings.emailAddresses().isEmpty() ? null : String.join(", ", settings.emailAddresses());
        this.alertWebhookUrl = settings.webhook();
    }
}
