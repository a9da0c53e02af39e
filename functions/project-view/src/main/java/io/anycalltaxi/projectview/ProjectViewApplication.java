package io.anycalltaxi.projectview;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.anycalltaxi.core.config.FunctionApplication;

@SpringBootApplication
public class ProjectViewApplication {

    public static void main(String[] args) {
        FunctionApplication.run(ProjectViewApplication.class, "project-view", args);
    }
}
