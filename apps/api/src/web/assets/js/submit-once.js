// A form that records a fact is sent once: after the first submit its button is disabled (and says so to
// assistive technology). The server holds the real guarantee: each rendered form carries a submission key,
// and a second post with that key records nothing (see web/casework/form-submissions.ts).
for (const form of document.querySelectorAll('form[data-submit-once]')) {
  form.addEventListener('submit', (event) => {
    if (form.dataset.submitted === 'true') {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = 'true';
    for (const button of form.querySelectorAll('[data-submit-button]')) {
      // Disabled after the browser has taken the submission, so the button's own value is still sent.
      setTimeout(() => {
        button.setAttribute('disabled', '');
        button.setAttribute('aria-disabled', 'true');
      }, 0);
    }
  });
}
