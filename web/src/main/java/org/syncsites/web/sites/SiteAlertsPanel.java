package org.syncsites.web.sites;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.syncsites.siteadmin.SiteAlertMutes;
import org.syncsites.web.faces.Formats;
import org.syncsites.web.faces.Messages;

/** The site window's alerts panel: muting the site's alerts for a while, and unmuting them. */
@Named("siteAlerts")
@ViewScoped
public class SiteAlertsPanel implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How long "Mute alerts" mutes them, in days: the choices offered (a day by default). */
    private static final List<Integer> MUTE_DAYS = List.of(1, 3, 7, 30, (int) SiteAlertMutes.LONGEST_MUTE.toDays());

    @EJB
    private SiteAlertMutes alertMutes;

    @Inject
    private SiteWindow window;

    @Inject
    private Formats formats;

    private int muteDays = 1;

    public List<Integer> getMuteChoices() {
        return MUTE_DAYS;
    }

    public String muteChoice(int days) {
        return Messages.say("site.alerts.muteFor", days);
    }

    public int getMuteDays() {
        return muteDays;
    }

    public void setMuteDays(int muteDays) {
        this.muteDays = muteDays;
    }

    public void muteAlerts() {
        Instant until = Instant.now().plus(Duration.ofDays(muteDays));
        window.applied(
                () -> alertMutes.muteAlerts(window.id(), until),
                Messages.say("site.alerts.muted.done", window.getOriginal().name(), formats.when(until)),
                1);
    }

    public void unmuteAlerts() {
        window.applied(
                () -> alertMutes.unmuteAlerts(window.id()),
                Messages.say("site.alerts.unmuted.done", window.getOriginal().name()),
                1);
    }
}
