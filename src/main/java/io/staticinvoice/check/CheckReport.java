package io.staticinvoice.check;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link DeploymentCheck} found: each step with its outcome, time and detail, in order.
 * The check passed when no step failed; a skipped step did not run because an earlier one failed.
 */
public record CheckReport(String target, List<Step> steps, Duration total) {

    public CheckReport {
        steps = List.copyOf(steps);
    }

    /** How one step ended. */
    public enum Outcome { PASS, FAIL, SKIP }

    /** One step: its name, outcome, how long it took, and what it saw or why it failed. */
    public record Step(String name, Outcome outcome, Duration took, String detail) {
    }

    public boolean passed() {
        return steps.stream().noneMatch(step -> step.outcome() == Outcome.FAIL);
    }

    /** The process exit code: 0 when the check passed, 1 when a step failed. */
    public int exitCode() {
        return passed() ? 0 : 1;
    }

    /** The first failed step, if any. */
    public Optional<Step> firstFailure() {
        return steps.stream().filter(step -> step.outcome() == Outcome.FAIL).findFirst();
    }

    /** The report as the command prints it: a line per step and a result line. */
    public String render() {
        int width = steps.stream().mapToInt(step -> step.name().length()).max().orElse(0);
        StringBuilder text = new StringBuilder("static invoice server check: ").append(target).append('\n');
        for (Step step : steps) {
            String took = step.outcome() == Outcome.SKIP ? "" : step.took().toMillis() + " ms";
            text.append(String.format("%-4s  %-" + width + "s  %8s  %s", step.outcome(), step.name(), took,
                    step.detail()).stripTrailing()).append('\n');
        }
        text.append("RESULT: ").append(firstFailure().map(step -> "FAIL at \"" + step.name() + "\"").orElse("PASS"))
                .append(" in ").append(total.toMillis()).append(" ms\n");
        return text.toString();
    }
}
