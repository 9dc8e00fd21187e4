import { startCardFrame } from '../../src/card-frame/frame';
import '../../src/ui/card.css';
import '../../src/card-frame/frame.css';

startCardFrame(document);
