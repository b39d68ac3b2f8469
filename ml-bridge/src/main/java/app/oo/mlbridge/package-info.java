/** The OkHttp client of ml/serving behind the sagas' port, its circuit breaker, and the local ml/serving process. */
package app.oo.mlbridge;
