/** Keeps PhoneIndex__c in step with the Contact's phone fields (PhoneIndexService). */
trigger ContactPhoneIndex on Contact(after insert, after update, after delete, after undelete) {
    PhoneIndexService.handleTrigger(Trigger.operationType, Trigger.new, Trigger.oldMap);
}
