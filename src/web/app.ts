/** Entry of the web app's browser bundle: starts the page the server's shell names. */
import { startAnalyzePage } from './analyze-page.js';
import { startCorpusPage } from './corpus-page.js';

const page = document.body.dataset.page;
if (page === 'analyze') startAnalyzePage();
else if (page === 'corpus') startCorpusPage();
