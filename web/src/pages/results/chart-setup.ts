/** chart.js with only the parts a bar chart uses registered (tree-shaken: no other chart types). */
import { BarController, BarElement, CategoryScale, Chart, LinearScale } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale);

export { Chart };
