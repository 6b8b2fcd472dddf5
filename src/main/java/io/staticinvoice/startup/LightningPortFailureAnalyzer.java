package io.staticinvoice.startup;

import io.staticinvoice.gateway.ListenerBindException;
import java.net.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** The BOLT 8 listener could not bind: names the address and the reason (port in use, or not this host's address). */
@Order(Ordered.HIGHEST_PRECEDENCE)
class LightningPortFailureAnalyzer extends AbstractFailureAnalyzer<ListenerBindException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ListenerBindException cause) {
        BindException bind = findCause(cause, BindException.class);
        String reason = bind != null && bind.getMessage() != null ? bind.getMessage() : String.valueOf(cause.getCause());
        return new FailureAnalysis("The Lightning listener cannot bind " + cause.address()
                + " (sis.lightning.listen): " + reason + ".",
                "Stop the process that uses port " + port(cause.address()) + " (e.g. another instance of this server), "
                        + "or set sis.lightning.listen (SIS_LIGHTNING_LISTEN) to a free host:port of this machine.",
                cause);
    }

    private static String port(String hostPort) {
        return hostPort.substring(hostPort.lastIndexOf(':') + 1);
    }
}
