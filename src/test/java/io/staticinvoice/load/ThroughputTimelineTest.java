package io.staticinvoice.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThroughputTimelineTest {

    private final ThroughputTimeline timeline = new ThroughputTimeline();

    private void record(long... perSecond) {
        long total = 0;
        for (long served : perSecond) {
            total += served;
            assertThat(timeline.tick(total)).isEqualTo(served);
        }
    }

    @Test
    void steadyStateStartsWhereTheMovingAverageReachesTheShareForGood() {
        // Registration (nothing served), then a slow climb, then about 100/s.
        record(0, 0, 0, 10, 40, 70, 95, 100, 100, 100, 100, 100, 100);

        // Averages from second 4: (40+70+95+100+100)/5 = 81, from 5: 93, from 6 on: 99 and more.
        assertThat(timeline.steadyFrom(100, 0.9)).hasValue(5);
        assertThat(timeline.steadyFrom(100, 0.95)).hasValue(6);
        assertThat(timeline.seconds()).isEqualTo(13);
    }

    @Test
    void aLateDipMovesSteadyStateBehindIt() {
        record(100, 100, 100, 100, 100, 100, 20, 100, 100, 100, 100, 100, 100);

        // Every average that includes the slow second 6 is 84.
        assertThat(timeline.steadyFrom(100, 0.9)).hasValue(7);
    }

    @Test
    void noSteadyStateWhenTheEndIsSlowOrTheTimelineShort() {
        record(100, 100, 100, 100, 100, 100, 50, 50, 50, 50, 50);
        assertThat(timeline.steadyFrom(100, 0.9)).isEmpty();

        ThroughputTimeline idle = new ThroughputTimeline();
        for (int second = 0; second < 10; second++) {
            idle.tick(0);
        }
        assertThat(idle.steadyFrom(0, 0.9)).as("nothing served is no steady state").isEmpty();

        ThroughputTimeline shortOne = new ThroughputTimeline();
        shortOne.tick(100);
        assertThat(shortOne.steadyFrom(100, 0.9)).isEmpty();
    }
}
