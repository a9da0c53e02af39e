package io.anycalltaxi.registermember;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import io.anycalltaxi.core.card.CardProcessorConfiguration;
import io.anycalltaxi.core.config.FunctionApplication;
import io.anycalltaxi.core.security.PeopleTokenConfiguration;

@SpringBootApplication
@Import({ CardProcessorConfiguration.class, PeopleTokenConfiguration.class })
public class RegisterMemberApplication {

    public static void main(String[] args) {
        FunctionApplication.run(RegisterMemberApplication.class, "register-member", args);
    }
}
