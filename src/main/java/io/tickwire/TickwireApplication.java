package io.tickwire;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TickwireApplication {

    public static void main(String[] args) {
        SpringApplication.run(TickwireApplication.class, args);
    }
}
