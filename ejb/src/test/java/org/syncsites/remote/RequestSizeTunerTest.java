package org.syncsites.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.syncsites.site.SiteRules;

class RequestSizeTunerTest {

    @Test
    void quickFullBatchesGrowTheRequestUpToTheLimit() {
        RequestSizeTuner tuner = new RequestSizeTuner(500);
        tuner.batchTook(Duration.ofMillis(300), 500);
        assertEquals(750, tuner.size());
        for (int i = 0; i < 20; i++) {
            tuner.batchTook(Duration.ofMillis(300), tuner.size());
        }
        assertEquals(SiteRules.MAX_SYNC_REQUEST_SIZE, tuner.size());
    }

    @Test
    void aQuickBatchThatWasNotFullChangesNothing() {
        RequestSizeTuner tuner = new RequestSizeTuner(500);
        tuner.batchTook(Duration.ofMillis(300), 20);
        assertEquals(500, tuner.size());
    }

    @Test
    void slowBatchesAndFailuresShrinkTheRequestDownToTheLimit() {
        RequestSizeTuner tuner = new RequestSizeTuner(500);
        tuner.batchTook(Duration.ofSeconds(11), 500);
        assertEquals(250, tuner.size());
        tuner.requestFailed();
        assertEquals(125, tuner.size());
        for (int i = 0; i < 20; i++) {
            tuner.requestFailed();
        }
        assertEquals(SiteRules.MIN_SYNC_REQUEST_SIZE, tuner.size());
    }

    @Test
    void aBatchOfOrdinarySpeedKeepsTheSize() {
        RequestSizeTuner tuner = new RequestSizeTuner(500);
        tuner.batchTook(Duration.ofSeconds(5), 500);
        assertEquals(500, tuner.size());
    }

    @Test
    void aStartingSizeOutsideTheBoundsIsBroughtWithinThem() {
        assertEquals(SiteRules.MAX_SYNC_REQUEST_SIZE, new RequestSizeTuner(1_000_000).size());
        assertEquals(SiteRules.MIN_SYNC_REQUEST_SIZE, new RequestSizeTuner(0).size());
    }
}
