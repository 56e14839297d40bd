// Progressive enhancement for every page: GOV.UK Frontend's and MoJ Frontend's own JavaScript, then ours.
// Pages work without any of it; this adds the niceties (error summary focus, password reveal, menus).
import { initAll as initGovuk } from '/static/govuk/govuk-frontend.min.js';
import { initAll as initMoj } from '/static/moj/moj-frontend.min.js';
import { watchSession } from '/static/app/js/session.js';

initGovuk();
initMoj();
watchSession(document);
