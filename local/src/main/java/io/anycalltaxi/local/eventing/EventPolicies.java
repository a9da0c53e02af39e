package io.anycalltaxi.local.eventing;

import java.util.List;
import java.util.function.Predicate;

import io.anycalltaxi.local.identity.WorkloadIssuer;
import io.cloudevents.CloudEvent;
import io.fabric8.knative.eventing.v1alpha1.EventPolicy;
import io.fabric8.knative.eventing.v1alpha1.EventPolicyFromReference;
import io.fabric8.knative.eventing.v1alpha1.EventPolicySpecFrom;
import io.fabric8.knative.eventing.v1alpha1.EventPolicySpecTo;

/**
 * Knative's EventPolicies, as its authorization feature applies them with
 * {@code default-authorization-mode: deny-all}: a request to a Broker or sink is admitted if a
 * policy for that resource names its sender (a service account subject, with a trailing {@code *}
 * as a prefix, or a source or Trigger by reference, meaning that resource's own identity) and its
 * filters match the event. With no policy for the resource, nothing is admitted.
 */
public final class EventPolicies {

    private final List<Admission> policies;
    private final WorkloadIssuer identities;

    /** A policy and its filters, built once (an unknown filter dialect is refused at load). */
    private record Admission(EventPolicy policy, Predicate<CloudEvent> filters) {
    }

    public EventPolicies(List<EventPolicy> policies, WorkloadIssuer identities) {
        this.policies = policies.stream().map(policy -> new Admission(policy, EventFilter.all(
                policy.getSpec().getFilters() == null ? List.of() : policy.getSpec().getFilters()))).toList();
        this.identities = identities;
    }

    /** Whether {@code subject} may send {@code event} to the resource of this kind and name. */
    public boolean admits(String kind, String name, String subject, CloudEvent event) {
        return policies.stream().filter(admission -> appliesTo(admission.policy(), kind, name))
                .anyMatch(admission -> from(admission.policy(), subject) && admission.filters().test(event));
    }

    private static boolean appliesTo(EventPolicy policy, String kind, String name) {
        List<EventPolicySpecTo> to = policy.getSpec().getTo();
        if (to == null || to.isEmpty()) {
            return true;
        }
        return to.stream().anyMatch(target -> target.getRef() != null && kind.equals(target.getRef().getKind())
                && name.equals(target.getRef().getName()));
    }

    private boolean from(EventPolicy policy, String subject) {
        List<EventPolicySpecFrom> from = policy.getSpec().getFrom();
        return from != null && from.stream().anyMatch(sender -> sender.getSub() != null ? matches(sender.getSub(), subject)
                : sender.getRef() != null && identityOf(sender.getRef()).equals(subject));
    }

    private static boolean matches(String allowed, String subject) {
        return allowed.endsWith("*") ? subject.startsWith(allowed.substring(0, allowed.length() - 1))
                : allowed.equals(subject);
    }

    private String identityOf(EventPolicyFromReference ref) {
        return switch (ref.getKind()) {
            case "Trigger" -> identities.trigger(ref.getName());
            case "PingSource" -> identities.pingSource(ref.getName());
            default -> throw new IllegalArgumentException("the local broker knows no identity of a " + ref.getKind());
        };
    }
}
