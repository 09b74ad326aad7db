package org.mediwox.scheduling.workload;

/**
 * The counters of one {@code mediwox.workload_day} row, or a change to them: a write subtracts its Appointment's old
 * facts and adds the new ones.
 */
public record Counters(
        int booked,
        int bookedMinutes,
        int keptMinutes,
        int attendedMinutes,
        int active,
        int fulfilled,
        int noshow,
        int cancelledPatient,
        int cancelledClinic,
        int rescheduled,
        int urgent,
        int poolAssigned) {

    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The column names of {@code workload_day}, in the order of {@link #values()}. */
    public static final String[] COLUMNS = {
        "booked",
        "booked_minutes",
        "kept_minutes",
        "attended_minutes",
        "active",
        "fulfilled",
        "noshow",
        "cancelled_patient",
        "cancelled_clinic",
        "rescheduled",
        "urgent",
        "pool_assigned"
    };

    public Counters plus(Counters o) {
        return new Counters(
                booked + o.booked,
                bookedMinutes + o.bookedMinutes,
                keptMinutes + o.keptMinutes,
                attendedMinutes + o.attendedMinutes,
                active + o.active,
                fulfilled + o.fulfilled,
                noshow + o.noshow,
                cancelledPatient + o.cancelledPatient,
                cancelledClinic + o.cancelledClinic,
                rescheduled + o.rescheduled,
                urgent + o.urgent,
                poolAssigned + o.poolAssigned);
    }

    public Counters negated() {
        return ZERO.minus(this);
    }

    public Counters minus(Counters o) {
        return new Counters(
                booked - o.booked,
                bookedMinutes - o.bookedMinutes,
                keptMinutes - o.keptMinutes,
                attendedMinutes - o.attendedMinutes,
                active - o.active,
                fulfilled - o.fulfilled,
                noshow - o.noshow,
                cancelledPatient - o.cancelledPatient,
                cancelledClinic - o.cancelledClinic,
                rescheduled - o.rescheduled,
                urgent - o.urgent,
                poolAssigned - o.poolAssigned);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** The values in the order of {@link #COLUMNS}. */
    public int[] values() {
        return new int[] {
            booked,
            bookedMinutes,
            keptMinutes,
            attendedMinutes,
            active,
            fulfilled,
            noshow,
            cancelledPatient,
            cancelledClinic,
            rescheduled,
            urgent,
            poolAssigned
        };
    }
}
