package io.staticinvoice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Entry point of the static invoice server: Lightning gateway, protocol services and admin API. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StaticInvoiceServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(StaticInvoiceServerApplication.class, args);
    }
}
