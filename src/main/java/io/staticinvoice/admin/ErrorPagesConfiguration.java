package io.staticinvoice.admin;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the embedded Tomcat report the errors it raises itself as problem+json
 * ({@link ProblemErrorReportValve}); errors inside the application go to
 * {@link ProblemErrorController} and {@link AdminExceptionHandler}.
 */
@Configuration(proxyBeanMethods = false)
class ErrorPagesConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
