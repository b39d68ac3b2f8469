/**
 * Crypto-shredding: per-person data keys wrapped by a master key, and the event serializer that
 * encrypts every {@code @PersonalData} field with its data subject's key and redacts it once that key is gone.
 */
package app.oo.command.privacy;
