package app.oo.domain.projection;

/**
 * The projections with their position, lag and status; answers {@link ProjectionsView}.
 *
 * @param projection one projection's name, or null for every projection
 */
public record FindProjectionsQuery(String projection) {

    public static FindProjectionsQuery all() {
        return new FindProjectionsQuery(null);
    }
}
