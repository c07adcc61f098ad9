/** Keeps PhoneIndex__c in step with the Account's phone fields (PhoneIndexService). */
trigger AccountPhoneIndex on Account(after insert, after update, after delete, after undelete) {
    PhoneIndexService.handleTrigger(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
