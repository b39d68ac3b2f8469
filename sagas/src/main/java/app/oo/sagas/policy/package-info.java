/** Carries accepted promotions to ml/serving, retrying until the promoted policy serves. */
package app.oo.sagas.policy;
