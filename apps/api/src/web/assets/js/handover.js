// "Print or save as PDF": the browser's own print dialog, with the print stylesheet (handover-print.css).
for (const button of document.querySelectorAll('[data-print-page]')) {
  button.addEventListener('click', () => window.print());
}
