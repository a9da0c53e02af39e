package io.anycalltaxi.core.member;

/** The language a member reads messages in. */
public enum Language {
    KO, EN
}
