export { audiences, buildMeetingPackage, isAudience, type Audience } from './service';
