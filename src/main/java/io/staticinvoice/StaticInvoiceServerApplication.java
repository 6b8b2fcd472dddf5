package io.staticinvoice;

import io.staticinvoice.check.DeploymentCheck;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point of the static invoice server: Lightning gateway, protocol services and admin API.
 * {@code check ...} as first argument runs the {@link DeploymentCheck} against a deployment instead,
 * without starting Spring.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StaticInvoiceServerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("check")) {
            DeploymentCheck.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(StaticInvoiceServerApplication.class, args);
    }
}
