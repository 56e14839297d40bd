// Progressive enhancement for every page: GOV.UK Frontend's and MoJ Frontend's own JavaScript, then ours.
// Pages work without any of it; this adds the niceties (error summary focus, password reveal, menus).
import { initAll as initGovuk } from '/static/govuk/govuk-frontend.min.js';
import { initAll as initMoj } from '/static/moj/moj-frontend.min.js';
import { watchSession } from '/static/app/js/session.js';

initGovuk();
initMoj();
watchSession(document);

// A wide table scrolls sideways inside its wrapper on a small screen: a keyboard user must be able to reach
// that scrolling region too (WCAG 2.1.1), so a wrapper that overflows becomes a focusable, named region.
function makeScrollingTablesFocusable() {
  for (const wrapper of document.querySelectorAll('.app-table-wrapper')) {
    const scrolls = wrapper.scrollWidth > wrapper.clientWidth;
    if (scrolls && !wrapper.hasAttribute('tabindex')) {
      const caption = wrapper.querySelector('caption');
      wrapper.setAttribute('tabindex', '0');
      wrapper.setAttribute('role', 'region');
      wrapper.setAttribute('aria-label', (caption && caption.textContent.trim()) || 'Table, scrolls sideways');
    }
  }
}
makeScrollingTablesFocusable();
window.addEventListener('resize', makeScrollingTablesFocusable);
