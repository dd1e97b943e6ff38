// Shared by the browser test and bench/page-asof.mjs: how the page's as-of fields spell an instant.

// An instant's wall clock in the zone the page reads its date and time fields in (its as-of control's zone: an
// IANA zone, whose offset at the instant node's own time-zone data gives, or a fixed offset), to the millisecond:
// {millis, date: "YYYY-MM-DD", time: "HH:MM:SS" or "HH:MM:SS.mmm"}. Throws on an instant Date cannot read.
export async function wallClockOnPage(page, instant) {
  const millis = Date.parse(instant);
  if (Number.isNaN(millis)) throw new Error(`not an instant: ${instant}`);
  const iana = await page.getAttribute('#asof-zone', 'data-zone');
  let label = await page.textContent('#asof-zone');
  if (iana) {
    label = new Intl.DateTimeFormat('en-US', { timeZone: iana, timeZoneName: 'longOffset' })
      .formatToParts(new Date(millis)).find((p) => p.type === 'timeZoneName').value.replace('GMT', 'UTC');
  }
  const m = /UTC([+-])(\d{2}):(\d{2})/.exec(label ?? '');
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const shifted = new Date(millis + minutes * 60000).toISOString();
  const ms = shifted.slice(19, 23);
  return { millis, date: shifted.slice(0, 10), time: shifted.slice(11, 19) + (ms === '.000' ? '' : ms) };
}
