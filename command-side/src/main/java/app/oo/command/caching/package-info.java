/** A bounded aggregate cache that holds its entries strongly, unlike Axon's WeakReferenceCache. */
package app.oo.command.caching;
