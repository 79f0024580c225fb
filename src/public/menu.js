// Scripts run: the DKFDS menu button replaces the no-JavaScript menu link (app.css), then
// DKFDS's own navigation opens and closes the mobile drawer (dkfds.min.js, loaded before).
document.documentElement.classList.add('js');
new window.DKFDS.Navigation().init();
