import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays } from 'date-fns';
import { UK_TIME_ZONE } from './age';

/** Venues that can host the reception centre itself: a dedicated centre, or a respite centre arranged in advance. */
export const RECEPTION_VENUE_TYPES = ['reception_centre', 'respite_centre'] as const;

export interface VenueBookingPolicy {
  /**
   * The reported centres were booked for up to five nights; a longer window is allowed for large
   * operations but is capped so a typing error (a year instead of a week) cannot block a venue.
   */
  maxNights: number;
}

export const DEFAULT_VENUE_BOOKING_POLICY: VenueBookingPolicy = { maxNights: 14 };

export interface VenueBookingRequest {
  siteType: string;
  opensAt: Date;
  closesAt: Date;
  siteAvailableFrom: Date | null;
  siteAvailableUntil: Date | null;
}

export type VenueBookingCheck =
  | { ok: true; nights: number }
  | { ok: false; code: 'NOT_A_RECEPTION_VENUE' | 'INVALID_WINDOW' | 'WINDOW_TOO_LONG' | 'OUTSIDE_SITE_AVAILABILITY'; reason: string };

/** Nights a booking spans, counted on the London calendar (opening on Monday and closing Wednesday is two nights). */
export function nightsBetween(opensAt: Date, closesAt: Date): number {
  return differenceInCalendarDays(new TZDate(closesAt.getTime(), UK_TIME_ZONE), new TZDate(opensAt.getTime(), UK_TIME_ZONE));
}

export function checkVenueBooking(request: VenueBookingRequest, policy: VenueBookingPolicy = DEFAULT_VENUE_BOOKING_POLICY): VenueBookingCheck {
  if (!(RECEPTION_VENUE_TYPES as readonly string[]).includes(request.siteType)) {
    return {
      ok: false,
      code: 'NOT_A_RECEPTION_VENUE',
      reason: `A ${request.siteType} cannot host a reception centre: choose a reception centre or respite centre site`,
    };
  }
  if (request.closesAt.getTime() <= request.opensAt.getTime()) {
    return { ok: false, code: 'INVALID_WINDOW', reason: 'The centre must close after it opens' };
  }
  const nights = nightsBetween(request.opensAt, request.closesAt);
  if (nights > policy.maxNights) {
    return { ok: false, code: 'WINDOW_TOO_LONG', reason: `A reception centre is booked for at most ${policy.maxNights} nights, not ${nights}` };
  }
  if (
    (request.siteAvailableFrom && request.opensAt < request.siteAvailableFrom) ||
    (request.siteAvailableUntil && request.closesAt > request.siteAvailableUntil)
  ) {
    return { ok: false, code: 'OUTSIDE_SITE_AVAILABILITY', reason: 'The venue is not available for the whole of this window' };
  }
  return { ok: true, nights };
}
