package io.anycalltaxi.local.control;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.anycalltaxi.local.identity.WorkloadIssuer;

/** The local service-account issuer's keys, which every function checks workload tokens with. */
@RestController
class IdentityController {

    private final WorkloadIssuer issuer;

    IdentityController(WorkloadIssuer issuer) {
        this.issuer = issuer;
    }

    @GetMapping("/identity/jwks.json")
    Map<String, Object> keys() {
        return issuer.publicKeys();
    }
}
