package io.staticinvoice.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.staticinvoice.config.AdminLimitsProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Bounds what one client can make the admin API ({@code /api/}) do: a request rate per client IP
 * and, once authenticated, per API key ({@link AdminRateLimiter}), answered 429 with
 * {@code Retry-After}; and a request body size, answered 413 before the body is read when it
 * declares its length, or as soon as the reader passes the limit when it does not. Refusals are
 * counted in {@value #REFUSED} by {@code reason}. Runs in the security filter chain after the
 * API key is checked; its errors go through {@link AdminExceptionHandler} like every other.
 */
final class AdminRequestLimitFilter extends OncePerRequestFilter {

    /** Admin API requests refused by a limit, tagged {@code reason}: {@code rate_limited}, {@code body_too_large}. */
    static final String REFUSED = "sis.admin.requests.refused";

    private final AdminRateLimiter limiter;
    private final long maxBodyBytes;
    private final HandlerExceptionResolver errors;
    private final MeterRegistry meters;

    AdminRequestLimitFilter(AdminRateLimiter limiter, AdminLimitsProperties limits, HandlerExceptionResolver errors,
                            MeterRegistry meters) {
        this.limiter = limiter;
        this.maxBodyBytes = limits.maxBodySize().toBytes();
        this.errors = errors;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = limiter.tryAcquire("ip:" + request.getRemoteAddr());
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (wait.isEmpty() && caller instanceof ApiKeyAuthentication && caller.isAuthenticated()) {
            wait = limiter.tryAcquire("key:" + caller.getName());
        }
        if (wait.isPresent()) {
            refuse("rate_limited", request, response, new RateLimitedException(wait.get()));
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            refuse("body_too_large", request, response, new RequestBodyTooLargeException(maxBodyBytes));
            return;
        }
        chain.doFilter(new LimitedBody(request, maxBodyBytes), response);
    }

    private void refuse(String reason, HttpServletRequest request, HttpServletResponse response, Exception e) {
        meters.counter(REFUSED, "reason", reason).increment();
        errors.resolveException(request, response, null, e);
    }

    /** Counts what the application reads of the body and fails the read that passes the limit. */
    private final class LimitedBody extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream limited;

        LimitedBody(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                ServletInputStream body = super.getInputStream();
                limited = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = body.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = body.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > max) {
                            meters.counter(REFUSED, "reason", "body_too_large").increment();
                            throw new RequestBodyTooLargeException(max);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return body.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return body.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        body.setReadListener(listener);
                    }
                };
            }
            return limited;
        }
    }
}
