package org.syncsites.web.dashboard;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.syncsites.networkhealth.Dashboard;
import org.syncsites.networkhealth.HealthSettings;
import org.syncsites.networkhealth.NetworkHealth;
import org.syncsites.networkhealth.SiteState;
import org.syncsites.platform.RuleViolation;
import org.syncsites.synchistory.HourCount;
import org.syncsites.web.faces.Formats;
import org.syncsites.web.faces.Messages;

/**
 * The dashboard: how many remote sites are in each state (each a link to the site list filtered on it), the most
 * overdue sites, the app versions in use, the sync sessions and records moved per hour over 7 days, and the
 * overdue thresholds, which editors change here.
 */
@Named
@ViewScoped
public class DashboardView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private NetworkHealth health;

    @Inject
    private Formats formats;

    private Dashboard dashboard;
    private Integer warningHours;
    private Integer criticalHours;
    private Integer historyDays;
    private String alertEmails;
    private String alertWebhookUrl;
    private long settingsVersion;

    @PostConstruct
    void load() {
        dashboard = health.dashboard();
        HealthSettings settings = dashboard.settings();
        warningHours = settings.warningHours();
        criticalHours = settings.criticalHours();
        historyDays = settings.historyDays();
        alertEmails = settings.alertEmails();
        alertWebhookUrl = settings.alertWebhookUrl();
        settingsVersion = settings.version();
    }

    public Dashboard getDashboard() {
        return dashboard;
    }

    /** The four states of the last sync's age: every remote site is in one. */
    public List<SiteState> getAgeStates() {
        return Arrays.stream(SiteState.values()).filter(SiteState::syncAge).toList();
    }

    /** The states that need an admin. */
    public List<SiteState> getProblemStates() {
        return Arrays.stream(SiteState.values()).filter(s -> !s.syncAge()).toList();
    }

    /** The chart (Chart.js configuration): sessions per hour, failed ones apart, and records moved. */
    public String getChart() {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder succeeded = Json.createArrayBuilder();
        JsonArrayBuilder failed = Json.createArrayBuilder();
        JsonArrayBuilder records = Json.createArrayBuilder();
        for (HourCount hour : dashboard.hours()) {
            labels.add(formats.hour(hour.hour()));
            succeeded.add(hour.sessions() - hour.failed());
            failed.add(hour.failed());
            records.add(hour.records());
        }
        var sessionsAxis = Json.createObjectBuilder()
                .add("stacked", true)
                .add("beginAtZero", true)
                .add(
                        "title",
                        Json.createObjectBuilder()
                                .add("display", true)
                                .add("text", Messages.say("dashboard.chart.sessions")));
        var recordsAxis = Json.createObjectBuilder()
                .add("position", "right")
                .add("beginAtZero", true)
                .add("grid", Json.createObjectBuilder().add("drawOnChartArea", false))
                .add(
                        "title",
                        Json.createObjectBuilder()
                                .add("display", true)
                                .add("text", Messages.say("dashboard.chart.records")));
        return Json.createObjectBuilder()
                .add("type", "bar")
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add("labels", labels)
                                .add(
                                        "datasets",
                                        Json.createArrayBuilder()
                                                .add(dataset(
                                                        "bar",
                                                        Messages.say("dashboard.chart.completed"),
                                                        succeeded,
                                                        "#60a5fa",
                                                        "y"))
                                                .add(dataset(
                                                        "bar",
                                                        Messages.say("dashboard.chart.failed"),
                                                        failed,
                                                        "#f87171",
                                                        "y"))
                                                .add(dataset(
                                                                "line",
                                                                Messages.say("dashboard.chart.records"),
                                                                records,
                                                                "#059669",
                                                                "records")
                                                        .add("pointRadius", 0)
                                                        .add("borderWidth", 2))))
                .add(
                        "options",
                        Json.createObjectBuilder()
                                .add("responsive", true)
                                .add("maintainAspectRatio", false)
                                .add("animation", false)
                                .add(
                                        "scales",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "x",
                                                        Json.createObjectBuilder()
                                                                .add("stacked", true)
                                                                .add(
                                                                        "ticks",
                                                                        Json.createObjectBuilder()
                                                                                .add("maxTicksLimit", 14)))
                                                .add("y", sessionsAxis)
                                                .add("records", recordsAxis)))
                .build()
                .toString();
    }

    private static JsonObjectBuilder dataset(
            String type, String label, JsonArrayBuilder data, String colour, String axis) {
        return Json.createObjectBuilder()
                .add("type", type)
                .add("label", label)
                .add("data", data)
                .add("backgroundColor", colour)
                .add("borderColor", colour)
                .add("yAxisID", axis);
    }

    public void saveSettings() {
        try {
            HealthSettings saved = health.changeSettings(new HealthSettings(
                    value(warningHours),
                    value(criticalHours),
                    value(historyDays),
                    alertEmails,
                    alertWebhookUrl,
                    settingsVersion));
            load();
            Messages.info(Messages.say(
                    "dashboard.settings.saved", saved.warningHours(), saved.criticalHours(), saved.historyDays()));
        } catch (RuleViolation e) {
            Messages.show(e, "settings");
        }
    }

    public void refresh() {
        load();
    }

    private static int value(Integer number) {
        return number == null ? 0 : number;
    }

    public Integer getWarningHours() {
        return warningHours;
    }

    public void setWarningHours(Integer warningHours) {
        this.warningHours = warningHours;
    }

    public Integer getCriticalHours() {
        return criticalHours;
    }

    public void setCriticalHours(Integer criticalHours) {
        this.criticalHours = criticalHours;
    }

    public String getAlertEmails() {
        return alertEmails;
    }

    public void setAlertEmails(String alertEmails) {
        this.alertEmails = alertEmails;
    }

    public String getAlertWebhookUrl() {
        return alertWebhookUrl;
    }

    public void setAlertWebhookUrl(String alertWebhookUrl) {
        this.alertWebhookUrl = alertWebhookUrl;
    }

    public Integer getHistoryDays() {
        return historyDays;
    }

    public void setHistoryDays(Integer historyDays) {
        this.historyDays = historyDays;
    }
}
