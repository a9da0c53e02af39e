package io.anycalltaxi.core.events;

public record MemberRegistered(String memberId, String name, String phoneMasked) {
}
